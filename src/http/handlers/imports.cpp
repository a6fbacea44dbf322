// POST /api/v1/imports (the body is one file, streamed to disk under a size limit, then the
// same import service as the CLI), GET /api/v1/imports and GET /api/v1/imports/{id}.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "agmon/core/json_writer.h"
#include "agmon/service/import_history.h"
#include "agmon/service/importer.h"
#include "agmon/service/student_list.h"
#include "http/handlers/handlers.h"

namespace agmon::http {
namespace {

// Removes the uploaded copy however the request ends.
struct TempUpload {
  std::string path;
  int fd = -1;
  ~TempUpload() {
    if (fd >= 0) ::close(fd);
    if (!path.empty()) ::unlink(path.c_str());
  }
};

// ".csv" from "students.csv": kept so the stored copy looks like what was sent.
std::string extension_of(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos || name.size() - dot > 8) return "";
  return name.substr(dot);
}

bool write_all(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

Reply too_large(std::int64_t max) {
  Reply r = error_reply(413, "payload_too_large",
                        "the file is larger than the upload limit of " + std::to_string(max) + " bytes");
  r.close = true;
  return r;
}

}  // namespace

Reply handle_import_upload(Exchange& ex) {
  QueryReader q(ex.query, {"name", "mode", "dry_run", "max_reject_rate"});
  std::string name = q.code("name").value_or("upload.csv");
  std::string mode = q.choice("mode", {"incremental", "full"}).value_or("incremental");
  bool dry_run = q.boolean("dry_run").value_or(false);
  auto rate = q.number("max_reject_rate", 0, 1);
  if (!q.ok()) return bad_query(q);
  auto& req = ex.request;
  const std::int64_t max = ex.ctx.options.max_upload_bytes;
  const auto declared = req.getContentLength64();
  if (declared == Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH && !req.getChunkedTransferEncoding())
    return error_reply(400, "bad_request", "send the file as the request body (with Content-Length or chunked)");
  if (declared > max) return too_large(max);

  auto gate = ex.ctx.import_gate.try_enter();
  if (!gate.owns_lock()) return error_reply(409, "conflict", "another import is running; try again when it finishes");

  TempUpload tmp;
  std::string ext = extension_of(name);
  std::string pattern = ex.ctx.upload_dir + "/upload-XXXXXX" + ext;
  tmp.fd = ::mkstemps(pattern.data(), static_cast<int>(ext.size()));  // 0600
  if (tmp.fd < 0) return error_reply(503, "unavailable", "cannot store the upload on the server");
  tmp.path = pattern;
  std::int64_t total = 0;
  {
    std::istream& in = req.stream();
    static thread_local char buf[64 * 1024];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      total += in.gcount();
      if (total > max) return too_large(max);
      if (!write_all(tmp.fd, buf, static_cast<size_t>(in.gcount())))
        return error_reply(503, "unavailable", "cannot store the upload on the server (disk full?)");
    }
    ex.body_consumed = true;
  }
  if (declared >= 0 && total != declared) return error_reply(400, "bad_request", "the body ended before Content-Length");
  if (total == 0) return error_reply(400, "bad_request", "the body is empty; send the file as the request body");
  ::close(tmp.fd);
  tmp.fd = -1;

  service::ImportOptions options;
  options.mode = mode == "full" ? store::ImportMode::kFull : store::ImportMode::kIncremental;
  options.dry_run = dry_run;
  if (rate) options.max_reject_rate = *rate;
  options.origin = "http";
  options.nice = service::kBackgroundImportNice;  // the other readers go first
  options.display_names = {name};
  options.busy_timeout_ms = ex.ctx.options.import_busy_timeout_ms;
  ex.ctx.log(LogLevel::kInfo, "import of upload '" + name + "' (" + std::to_string(total) + " bytes) by '" +
                                  ex.principal.token_name + "'");
  auto report = service::run_import(ex.ctx.options.db_path, {tmp.path}, options, ex.ctx.settings);
  if (report.import_id) ex.ctx.reports->invalidate();  // committed (or recorded): reports may differ
  ex.ctx.log(LogLevel::kInfo, "import of upload '" + name + "': " + report.outcome + " (" + report.message + ")");
  std::string json = service::import_report_json(report);
  if (report.outcome == "applied" || report.outcome == "applied_with_quarantine" || report.outcome == "dry_run")
    return json_reply(200, std::move(json));
  int status = 503;
  std::string code = "import_failed";
  if (report.outcome == "rejected") {
    status = 422;
    code = "import_rejected";
  } else if (report.message.find("another import is running") != std::string::npos) {
    status = 409;  // an `agmon import` in another process holds the write lock
    code = "conflict";
  }
  core::JsonWriter w;
  w.begin_object().key("error").begin_object().field("code", code).field("message", report.message);
  w.end_object().key("report").raw(json).end_object();
  return json_reply(status, w.take());
}

Reply handle_imports(Exchange& ex) {
  QueryReader q(ex.query, {"limit", "cursor"});
  int limit = static_cast<int>(q.integer("limit", 1, service::kMaxPageSize, service::kDefaultPageSize));
  std::string cursor = q.cursor();
  if (!q.ok()) return bad_query(q);
  auto db = ex.db();
  if (!db) return error_reply(db.error());
  auto page = service::list_imports(*(*db)->db, limit, cursor);
  if (!page) return error_reply(page.error());
  return json_reply(200, service::import_page_json(*page));
}

Reply handle_import(Exchange& ex) {
  QueryReader q(ex.query, {"limit", "cursor"});
  int limit = static_cast<int>(q.integer("limit", 1, service::kMaxPageSize, service::kMaxPageSize));
  std::string cursor = q.cursor();
  if (!q.ok()) return bad_query(q);
  auto id = positive_id(path_param(ex.params, "id"));
  if (!id) return error_reply(400, "bad_request", "import id must be a positive whole number");
  auto db = ex.db();
  if (!db) return error_reply(db.error());
  auto detail = service::import_detail(*(*db)->db, *id, limit, cursor);
  if (!detail) return error_reply(detail.error());
  return json_reply(200, service::import_detail_json(*detail));
}

}  // namespace agmon::http
