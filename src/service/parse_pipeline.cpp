// parse_file_pipelined() (see parse_pipeline.h): on the parser thread a BufferingSink records
// every sink call, a BatchQueue of bounded length carries the calls over in batches, and the
// calling thread replays them on the real sink in order. Records are moved, never copied.
#include "service/parse_pipeline.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace agmon::service {
namespace {

// One recorded sink call.
struct StudentCall {
  core::Student record;
  long line;
};
struct CourseCall {
  core::Course record;
  long line;
};
struct MarkCall {
  core::CourseMark record;
  long line;
};
struct ProgramCall {
  ingest::StudentProgram record;
  long line;
};
struct AgCourseCall {
  ingest::AgCourseListEntry record;
  long line;
};
struct StudentUpdateCall {
  ingest::StudentUpdate record;
  long line;
};
struct CourseDefaultCall {
  core::Course record;
  long line;
};
struct ErrorCall {
  ingest::RowError error;
};
struct WarningCall {
  std::string file;
  long line;
  std::string message;
};
using SinkCall = std::variant<StudentCall, CourseCall, MarkCall, ProgramCall, AgCourseCall,
                              StudentUpdateCall, CourseDefaultCall, ErrorCall, WarningCall>;
using Batch = std::vector<SinkCall>;

// Makes a recorded call on the real sink.
struct Replay {
  ingest::RecordSink& sink;
  void operator()(StudentCall& c) const { sink.on_student(std::move(c.record), c.line); }
  void operator()(CourseCall& c) const { sink.on_course(std::move(c.record), c.line); }
  void operator()(MarkCall& c) const { sink.on_mark(std::move(c.record), c.line); }
  void operator()(ProgramCall& c) const { sink.on_program(std::move(c.record), c.line); }
  void operator()(AgCourseCall& c) const { sink.on_ag_course(std::move(c.record), c.line); }
  void operator()(StudentUpdateCall& c) const {
    sink.on_student_update(std::move(c.record), c.line);
  }
  void operator()(CourseDefaultCall& c) const {
    sink.on_course_default(std::move(c.record), c.line);
  }
  void operator()(ErrorCall& c) const { sink.on_error(std::move(c.error)); }
  void operator()(WarningCall& c) const { sink.on_warning(c.file, c.line, c.message); }
};

// The full batches between the two threads; at most `capacity` wait. Emptied batches go back
// to the parser, so their memory is reused rather than allocated again per batch.
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

  // Parser side: hands `batch` over (waiting for room) and leaves an empty one in its place.
  // False when the caller has stopped: the parser must stop too.
  bool push(Batch& batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    has_room_.wait(lock, [&] { return full_.size() < capacity_ || stopped_; });
    if (stopped_) return false;
    full_.push_back(std::move(batch));
    batch.clear();
    if (!empty_.empty()) {
      batch = std::move(empty_.back());
      empty_.pop_back();
    }
    has_batch_.notify_one();
    return true;
  }

  // Parser side, last: nothing more comes.
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    has_batch_.notify_one();
  }

  // Caller side: gives back the replayed `batch` and takes the next one; false once the
  // parser has closed the queue and every batch was taken.
  bool pop(Batch& batch) {
    batch.clear();  // the moved-from calls die here, outside the lock
    std::unique_lock<std::mutex> lock(mutex_);
    if (batch.capacity() > 0) empty_.push_back(std::move(batch));
    has_batch_.wait(lock, [&] { return !full_.empty() || closed_; });
    if (full_.empty()) return false;
    batch = std::move(full_.front());
    full_.pop_front();
    has_room_.notify_one();
    return true;
  }

  // Caller side, when it gives up (the real sink threw): a parser waiting for room wakes up
  // and every later push() fails.
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    full_.clear();
    has_room_.notify_all();
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable has_room_, has_batch_;
  std::deque<Batch> full_;
  std::vector<Batch> empty_;
  bool closed_ = false, stopped_ = false;
};

// Thrown through the parser when the caller has stopped; caught by the parser thread.
struct ParserStopped {};

// The sink the parser thread writes to: records each call, hands over a batch when it is full.
class BufferingSink : public ingest::RecordSink {
 public:
  BufferingSink(ingest::RecordSink& real, BatchQueue& queue, std::size_t batch_calls)
      : queue_(queue), batch_calls_(std::max<std::size_t>(batch_calls, 1)) {
    share_calpads_state_of(real);
  }

  void on_student(core::Student&& s, long line) override { add(StudentCall{std::move(s), line}); }
  void on_course(core::Course&& c, long line) override { add(CourseCall{std::move(c), line}); }
  void on_mark(core::CourseMark&& m, long line) override { add(MarkCall{std::move(m), line}); }
  void on_program(ingest::StudentProgram&& p, long line) override {
    add(ProgramCall{std::move(p), line});
  }
  void on_ag_course(ingest::AgCourseListEntry&& e, long line) override {
    add(AgCourseCall{std::move(e), line});
  }
  void on_student_update(ingest::StudentUpdate&& u, long line) override {
    add(StudentUpdateCall{std::move(u), line});
  }
  void on_course_default(core::Course&& c, long line) override {
    add(CourseDefaultCall{std::move(c), line});
  }
  void on_error(ingest::RowError&& e) override { add(ErrorCall{std::move(e)}); }
  void on_warning(const std::string& file, long line, const std::string& message) override {
    add(WarningCall{file, line, message});
  }

  // Hands over the calls not yet handed over.
  void flush() {
    if (!batch_.empty()) queue_.push(batch_);
  }

 private:
  template <typename Call>
  void add(Call&& call) {
    if (batch_.capacity() < batch_calls_) batch_.reserve(batch_calls_);
    batch_.emplace_back(std::forward<Call>(call));
    if (batch_.size() >= batch_calls_ && !queue_.push(batch_)) throw ParserStopped{};
  }

  BatchQueue& queue_;
  const std::size_t batch_calls_;
  Batch batch_;
};

// How the parser thread ended: parse_file's result, or the exception that left it.
struct ParserOutcome {
  std::optional<core::Result<ingest::FileStats>> result;
  std::exception_ptr exception;
};

void run_parser(const std::string& path, const ingest::ParseOptions& options, BufferingSink& buffer,
                BatchQueue& queue, ParserOutcome& outcome) {
  try {
    outcome.result = ingest::parse_file(path, options, buffer);
  } catch (const ParserStopped&) {
    // The caller stopped because its sink threw; it propagates that exception.
  } catch (...) {
    outcome.exception = std::current_exception();
  }
  buffer.flush();  // the calls before an error or exception are still made
  queue.close();
}

// Joins the parser thread however the caller leaves. On an exception the queue is stopped
// first, so a parser waiting for room wakes up and ends at once.
class ParserThread {
 public:
  template <typename Body>
  ParserThread(BatchQueue& queue, Body&& body) : queue_(queue), thread_(std::forward<Body>(body)) {}
  ~ParserThread() {
    if (!thread_.joinable()) return;
    queue_.stop();
    thread_.join();
  }
  ParserThread(const ParserThread&) = delete;
  ParserThread& operator=(const ParserThread&) = delete;

  void join() { thread_.join(); }

 private:
  BatchQueue& queue_;
  std::thread thread_;
};

// The bytes a parse of `path` reads: a file's size, or its files' together for a folder (a
// OneRoster export). 0 when unknown: parse_file then reports why, on the calling thread.
std::uintmax_t input_bytes(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    std::uintmax_t size = fs::file_size(path, ec);
    return ec ? 0 : size;
  }
  std::uintmax_t total = 0;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::uintmax_t size = it->is_regular_file(ec) ? it->file_size(ec) : 0;
    if (!ec) total += size;
    ec.clear();
  }
  return total;
}

}  // namespace

core::Result<ingest::FileStats> parse_file_pipelined(const std::string& path,
                                                     const ingest::ParseOptions& options,
                                                     ingest::RecordSink& sink,
                                                     const PipelineOptions& pipeline) {
  if (input_bytes(path) < pipeline.min_input_bytes) return ingest::parse_file(path, options, sink);

  BatchQueue queue(pipeline.queued_batches);
  BufferingSink buffer(sink, queue, pipeline.batch_calls);
  ParserOutcome outcome;
  ParserThread parser(queue, [&] { run_parser(path, options, buffer, queue, outcome); });
  Batch batch;
  while (queue.pop(batch)) {
    for (SinkCall& call : batch) std::visit(Replay{sink}, call);
  }
  parser.join();
  if (outcome.exception) std::rethrow_exception(outcome.exception);
  return std::move(*outcome.result);
}

}  // namespace agmon::service
