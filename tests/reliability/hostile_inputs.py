"""The hostile inputs hostile_http.py sends, by category: raw byte strings (malformed request
lines, huge headers, smuggling shapes) and requests (traversal, SQL injection in every
parameter of every endpoint, bad UTF-8, token abuse, wrong methods, hostile bodies)."""
import re
import urllib.parse

H = b"Host: 127.0.0.1\r\n"

SQL = ["' OR '1'='1", "1' OR 1=1 --", "1; DROP TABLE students; --", '" OR ""="',
       "') UNION SELECT name, sql FROM sqlite_master --", "1 UNION SELECT token_sha256 FROM api_tokens",
       "1)); DELETE FROM audit_log; --", "' || (SELECT hex(randomblob(100000000))) || '",
       "x'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --", "'; PRAGMA writable_schema=1; --", "admin'--",
       "\\", "%", "_", "*", "1 AND 1=(SELECT count(*) FROM course_marks a, course_marks b)",
       "$(touch /tmp/pwn)", "{{7*7}}", "<script>alert(1)</script>", "../../../../etc/passwd"]
BAD_UTF8 = ["%FF", "%FE%FF", "%C0%AF", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%80", "a%0Ab", "a%1Bb"]

# Every endpoint and the parameters it takes (interfaces.md, src/http/handlers).
ENDPOINTS = {
    "/api/v1/students": ["school", "counselor", "q", "limit", "cursor"],
    "/api/v1/alerts": ["school", "counselor", "kind", "status", "student", "audience", "limit", "cursor"],
    "/api/v1/gaps": ["metric", "by", "school", "year", "years", "system", "min_n"],
    "/api/v1/imports": ["limit", "cursor"],
    "/api/v1/imports/1": ["limit", "cursor"],
}
# Free text: a well-formed value may simply match nothing.
TEXT_PARAMS = {("/api/v1/students", "q")}
PATH_TEMPLATES = ["/api/v1/students/{}", "/api/v1/alerts/{}/ack", "/api/v1/imports/{}"]


def q(value):
    return urllib.parse.quote(value, safe="")


def raw_inputs():
    big = b"a" * 100_000
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(10_000))
    lenient = (200,)  # tolerated by Poco as well-formed enough: answered normally
    dropped = (0,)    # closed without an answer, at the socket timeout
    yield "malformed request lines", [
        (b"GARBAGE\r\n\r\n", ()), (b"GET\r\n\r\n", ()), (b"GET /healthz HTTP/9.9\r\n" + H + b"\r\n", ()),
        (b"GET  HTTP/1.1\r\n\r\n", ()), (b" / HTTP/1.1\r\n\r\n", ()), (b"G\x00T / HTTP/1.1\r\n\r\n", ()),
        (b"GET / HTTP/1.1 extra\r\n" + H + b"\r\n", lenient), (b"GET /healthz HTTP/1.1\r\nHost x\r\n\r\n", lenient),
        (b"GET /healthz HTTP/1.1\r\n" + H + b" folded: header\r\n\r\n", lenient),
        (b"GET /\x00 HTTP/1.1\r\n" + H + b"\r\n", ()), (b"GET /\xff\xfe HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"GET http://evil.example/healthz HTTP/1.1\r\n" + H + b"\r\n", ()), (b"GET * HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"CONNECT evil.example:443 HTTP/1.1\r\n" + H + b"\r\n", ()), (b"TRACE / HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"FOO /healthz HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", dropped),  # TLS to a plain port: dropped at the timeout
        (b"GET /api/v1/students/%ZZ HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"GET /api/v1/students?limit=%G1 HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"GET /healthz?a=%00 HTTP/1.1\r\n" + H + b"\r\n", ()), (b"GET healthz HTTP/1.1\r\n" + H + b"\r\n", ()),
        (b"GET /healthz HTTP/1.1\r\n" + H + b"Content-Length: abc\r\n\r\n", ()),
        (b"POST /api/v1/alerts/1/ack HTTP/1.1\r\n" + H + b"Content-Length: 99999999999999999999999\r\n\r\n", ())]
    yield "huge headers and bodies", [(x, ()) for x in [
        b"GET /healthz HTTP/1.1\r\n" + H + b"X-Big: " + big + b"\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n" + H + b"X-" + big + b": v\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n" + H + many + b"\r\n",
        b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\n" + H + b"\r\n",
        b"GET /healthz?" + b"a=1&" * 200_000 + b" HTTP/1.1\r\n" + H + b"\r\n",
        b"POST /api/v1/alerts/1/ack HTTP/1.1\r\n" + H + b"Content-Length: -5\r\n\r\n",
        b"POST /api/v1/imports HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\n",
        b"POST /api/v1/imports HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n"]]
    yield "request smuggling shapes", [(x, ()) for x in [
        b"POST /api/v1/alerts/1/ack HTTP/1.1\r\n" + H + b"Content-Length: 5\r\nContent-Length: 50\r\n\r\nhello",
        b"POST /api/v1/alerts/1/ack HTTP/1.1\r\n" + H + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"0\r\n\r\nGET /api/v1/students HTTP/1.1\r\n" + H + b"\r\n",
        b"POST /api/v1/alerts/1/ack HTTP/1.1\r\n" + H + b"Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
        b"POST /api/v1/alerts/1/ack HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"]]


def requests(sid, other, tokens, rng):
    """(category, [keyword arguments of Attack.get]) for each category."""
    yield "path traversal", [dict(path=p, token=None) for p in [
        "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/%252e%252e/etc/passwd", "/..", "/static/..", "/static/.", "//etc/passwd", "/static//etc/passwd",
        "/static/..%5c..%5cetc%5cpasswd", "/static/index.html%00.png", "/static/%c0%ae%c0%ae/etc/passwd",
        "/static/../../agmon.db", "/api/v1/students/..%2f..%2fimports", "/api/v1/../../healthz/../etc/passwd",
        "/static/" + "../" * 50 + "etc/passwd", "/static/%2e%2e%2f%2e%2e%2fetc%2fshadow"]]
    sqli = []
    for path, params in ENDPOINTS.items():
        for p in params:
            for v in SQL:
                # A value that is a well-formed code ("_") is no injection: it may match nothing.
                allowed = (200,) if (path, p) in TEXT_PARAMS or re.fullmatch(r"[A-Za-z0-9._-]{1,64}", v) else ()
                sqli.append(dict(path=f"{path}?{p}={q(v)}", allowed=allowed))
    for template in PATH_TEMPLATES:
        for v in SQL:
            method = "POST" if template.endswith("/ack") else "GET"
            sqli.append(dict(path=template.format(q(v)), method=method, body=b"" if method == "POST" else None))
    for v in SQL:
        sqli.append(dict(path=f"/api/v1/imports?name={q(v)}", method="POST", body=b"student_id\n1\n"))
        sqli.append(dict(path="/api/v1/alerts/999999999/ack", method="POST",
                         body=('{"note": "%s"}' % v.replace("\\", "\\\\").replace('"', '\\"')).encode()))
    yield "sql injection", sqli
    utf = [dict(path=f"{path}?{p}={v}") for path, params in ENDPOINTS.items() for p in params for v in BAD_UTF8]
    utf += [dict(path=t.format(v), method="POST" if t.endswith("/ack") else "GET",
                 body=b"" if t.endswith("/ack") else None) for t in PATH_TEMPLATES for v in BAD_UTF8]
    utf += [dict(path="/api/v1/alerts/999999999/ack", method="POST", body=b'{"note": "\xff\xfe"}'),
            dict(path="/api/v1/alerts/999999999/ack", method="POST", body=b'{"note": "\\ud800"}'),
            dict(path="/api/v1/me", token=None, headers={"Authorization": "Bearer \xff\xfe\xc0\xaf"})]
    yield "bad utf-8", utf
    forged = "agm_" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(43))
    auth = []
    for path in ("/api/v1/me", f"/api/v1/students/{sid}", "/api/v1/alerts", "/api/v1/imports"):
        auth += [dict(path=path, token=None),
                 dict(path=path, token=None, headers={"Authorization": "Basic YWRtaW46YWRtaW4="}),
                 dict(path=path, token=None, headers={"Authorization": "Bearer"}),
                 dict(path=path, token=None, headers={"Authorization": "Bearer "}),
                 dict(path=path, token=forged), dict(path=path, token="xyz_" + forged[4:]),
                 dict(path=path, token=forged[:-1]), dict(path=path, token=tokens["admin"] + "x"),
                 dict(path=path, token=tokens["admin"][:-1] + ("A" if tokens["admin"][-1] != "A" else "B")),
                 dict(path=path, token="revoked"), dict(path=path, token="expired"),
                 dict(path=path, token="agm_" + "A" * 10_000),
                 dict(path=path, token=None, headers={"Authorization": "Bearer " + tokens["admin"] + "\tjunk"}),
                 dict(path=path + ("&" if "?" in path else "?") + "token=" + tokens["admin"], token=None)]
    auth += [dict(path=f"/api/v1/students/{sid}", token="importer"), dict(path="/api/v1/gaps", token="importer"),
             dict(path="/api/v1/imports", token="counselor"), dict(path="/api/v1/imports/1", token="counselor"),
             dict(path="/api/v1/imports", token="counselor", method="POST", body=b"student_id\n1\n"),
             dict(path=f"/api/v1/students?school={other['school_code']}", token="counselor"),
             dict(path=f"/api/v1/students/{other['student_id']}", token="counselor"),
             dict(path=f"/api/v1/alerts?school={other['school_code']}", token="counselor"),
             dict(path=f"/api/v1/gaps?school={other['school_code']}", token="counselor")]
    yield "tokens", auth
    methods = [dict(path=p, method=m, token="admin", body=b"" if m in ("PUT", "PATCH", "POST") else None)
               for p in ("/healthz", "/api/v1/students", f"/api/v1/students/{sid}", "/api/v1/imports", "/metrics")
               for m in ("PUT", "DELETE", "PATCH", "OPTIONS")]
    methods += [dict(path="/api/v1/students", method="POST", token="admin", body=b"{}")]
    yield "wrong methods", methods
    ack = "/api/v1/alerts/999999999/ack"
    yield "hostile bodies", [
        dict(path=ack, method="POST", body=b"[" * 10_000 + b"]" * 10_000),
        dict(path=ack, method="POST", body=b'{"note":' * 1500 + b'""' + b"}" * 1500),
        dict(path=ack, method="POST", body=b'{"note": "x", "evil": 1}'),
        dict(path=ack, method="POST", body=b'{"note": 12}'),
        dict(path=ack, method="POST", body=b'{"note": "' + b"x" * 5000 + b'"}'),
        dict(path=ack, method="POST", body=b"not json"),
        dict(path=ack, method="POST", body=b'{"note": "a\\u0000b"}'),
        dict(path=ack, method="POST", body=b"x" * (1 << 20)),
        dict(path="/api/v1/alerts/1/ack", method="POST", body=b"", headers={"Content-Length": "0"}, token="importer"),
        dict(path="/api/v1/imports?name=students.csv", method="POST", body=b"x" * ((1 << 20) + 1)),
        dict(path="/api/v1/imports?name=students.csv", method="POST", body=b""),
        dict(path="/api/v1/imports?name=students.csv", method="POST", body=b"", headers={"Content-Length": "50000000"}),
        dict(path="/api/v1/imports?name=students.csv", method="POST", body=b"\xff\xfe\x00garbage\x00" * 100,
             allowed=()),
    ]
