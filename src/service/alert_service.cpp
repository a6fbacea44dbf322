// PLACEHOLDER until the alert lifecycle lands: no alerts are computed yet.
#include "agmon/service/alert_service.h"

namespace agmon::service {

AlertRefresh refresh_alerts(store::Database&, const Settings&, std::optional<long>, const std::string&) {
  return {};
}

}  // namespace agmon::service
