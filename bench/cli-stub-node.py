# Tiny S3 stand-in for bench/cli.sh when no s4-server jar is built: answers ListObjectsV2, ListBuckets and PUT.
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def _send(self, code, body=b"", ctype="application/xml"):
        self.send_response(code); self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        if self.path.startswith("/bucket"):
            self._send(200, b"<ListBucketResult><Contents><Key>k1</Key><LastModified>2024-05-01T12:34:56.000Z</LastModified><Size>2</Size></Contents><IsTruncated>false</IsTruncated></ListBucketResult>")
        else:
            self._send(200, b"<ListAllMyBucketsResult><Buckets><Bucket><Name>bucket</Name><CreationDate>2024-05-01T12:34:56.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>")
    def do_PUT(self):
        n = int(self.headers.get("Content-Length", "0")); self.rfile.read(n); self._send(200)
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
