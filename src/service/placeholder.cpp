// Keeps the service library non-empty until its first use case lands.
namespace agmon::service {}
