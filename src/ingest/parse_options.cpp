// Small helpers shared by the format mappers.
#include "agmon/ingest/parse_options.h"

namespace agmon::ingest {

std::string base_name(const std::string& path) {
  std::size_t slash = path.find_last_of("/\\");
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return name.empty() ? path : name;
}

}  // namespace agmon::ingest
