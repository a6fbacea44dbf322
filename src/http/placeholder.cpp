// Keeps the http library non-empty until the daemon lands.
namespace agmon::http {}
