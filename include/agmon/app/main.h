// The process entry point: `agmon serve` runs the daemon, everything else the CLI.
#pragma once

namespace agmon::app {
int main(int argc, char** argv);
}
