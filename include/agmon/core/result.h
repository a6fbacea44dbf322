// Result<T>: a value or an Error. Expected failures (a bad row, an unknown student, a bad
// request) travel as values; exceptions are reserved for the truly exceptional.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace agmon::core {

enum class ErrorCode {
  kInvalidArgument,  // the caller sent something malformed
  kNotFound,         // the thing asked for does not exist
  kConflict,         // the operation collides with state (e.g. an import already running)
  kRejected,         // input refused as a whole (bad header, reject rate over the limit)
  kPermissionDenied, // out of scope for the caller
  kIoError,          // the disk or database failed
  kInternal,         // a bug
};

struct Error {
  ErrorCode code;
  std::string message;
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status success() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorCode::kInternal, ""};
  bool ok_ = true;
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace agmon::core
