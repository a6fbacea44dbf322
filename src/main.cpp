// agmon: the A-G equity-and-access monitor. Everything happens in the app layer.
#include "agmon/app/main.h"

int main(int argc, char** argv) { return agmon::app::main(argc, argv); }
