#!/usr/bin/env python3
"""A loopback HTTP server that misbehaves the way real servers do (issue #16), at full scale:
real stall lengths, a one-day Retry-After, a 1 GiB gzip bomb. For bench/fault_bench.sh.

  fault_server.py --hosts 26 --port-file /tmp/port [--max-seconds 600]

Listens on 127.0.0.1 .. 127.0.0.HOSTS on one port (every 127/8 address is loopback on Linux),
so that each source can be its own host. Paths:
  /ok/N          a healthy RSS feed (N picks its items), ETag/304 aware
  /stall         headers, then not one byte more
  /trickle       one byte per second, forever
  /silent30      says nothing for 30 s, then answers a healthy feed
  /503-day       503 with Retry-After: 86400
  /429           429 with Retry-After: 3600
  /500           500
  /reset         a TCP reset after the request
  /truncated     Content-Length 20000, 100 bytes, close
  /lying-length  Content-Length 1000000, a short body, the line held open
  /gzip-bomb     1 GiB of zeros in ~1 MiB of gzip
  /endless       a chunked body sent as fast as it goes, forever
  /loop          302 to itself
  /hops/N        N redirects (/hops/35)
  /huge-headers  header lines, 1 KiB each, 10,000 of them
Stops by itself after --max-seconds. Loopback only; written for this project.
"""
import argparse
import os
import socket
import struct
import sys
import threading
import time
import zlib

STOP = threading.Event()


def feed(n):
    items = "".join(
        f"<item><title>Item {n}-{i}</title><link>http://example.test/{n}/{i}</link>"
        f"<guid>http://example.test/{n}/{i}</guid><pubDate>Mon, 0{1 + i % 9} Jan 2024 10:00:00 GMT"
        f"</pubDate><description>&lt;p&gt;Body {n} {i} {'text ' * 40}&lt;/p&gt;</description></item>"
        for i in range(20))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>http://example.test/{n}</link><description>d</description>{items}"
            "</channel></rss>").encode()


def head(status, headers, length=None):
    lines = [f"HTTP/1.1 {status} X"] + headers
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def gzip_bomb():
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    parts = [compressor.compress(zeros) for _ in range(1024)]
    parts.append(compressor.flush())
    return b"".join(parts)


BOMB = None


def wait(seconds):
    return not STOP.wait(seconds)


def handle(conn):
    conn.settimeout(60)
    data = b""
    while b"\r\n\r\n" not in data:
        got = conn.recv(65536)
        if not got:
            return
        data += got
    line = data.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
    path = line[1] if len(line) > 1 else "/"
    inm = b"if-none-match: \"v1\"" in data.lower()
    send = conn.sendall
    if path.startswith("/ok/") or path == "/silent30":
        if path == "/silent30" and not wait(30):
            return
        body = feed(path)
        if inm:
            send(head(304, ['ETag: "v1"'], 0))
        else:
            send(head(200, ["Content-Type: application/rss+xml", 'ETag: "v1"'], len(body)) + body)
    elif path == "/stall":
        send(head(200, ["Content-Type: application/rss+xml"], 10000) + b"<rss>")
        wait(3600)
    elif path == "/trickle":
        send(head(200, ["Content-Type: application/rss+xml"], 1000000))
        while wait(1):
            send(b"x")
    elif path == "/503-day":
        send(head(503, ["Retry-After: 86400"], 4) + b"busy")
    elif path == "/429":
        send(head(429, ["Retry-After: 3600"], 4) + b"slow")
    elif path == "/500":
        send(head(500, [], 4) + b"oops")
    elif path == "/reset":
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    elif path == "/truncated":
        send(head(200, ["Content-Type: application/rss+xml"], 20000) + feed(path)[:100])
    elif path == "/lying-length":
        send(head(200, ["Content-Type: application/rss+xml"], 1000000) + feed(path))
        wait(3600)
    elif path == "/gzip-bomb":
        send(head(200, ["Content-Type: application/rss+xml", "Content-Encoding: gzip"], len(BOMB))
             + BOMB)
    elif path == "/endless":
        send(head(200, ["Content-Type: application/rss+xml", "Transfer-Encoding: chunked"]))
        chunk = b"10000\r\n" + b"z" * 0x10000 + b"\r\n"
        while not STOP.is_set():
            send(chunk)
    elif path == "/loop":
        send(head(302, ["Location: /loop"], 0))
    elif path.startswith("/hops/"):
        left = int(path[6:] or 0)
        if left <= 0:
            body = feed(path)
            send(head(200, ["Content-Type: application/rss+xml"], len(body)) + body)
        else:
            send(head(301, [f"Location: /hops/{left - 1}"], 0))
    elif path == "/huge-headers":
        send(b"HTTP/1.1 200 OK\r\n")
        pad = b"X-Padding: " + b"p" * 1013 + b"\r\n"
        for _ in range(10000):
            send(pad)
        send(b"Content-Length: 0\r\n\r\n")
    else:
        send(head(404, [], 0))


def serve(conn):
    try:
        handle(conn)
    except OSError:
        pass
    finally:
        conn.close()


def listen(address, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((address, port))
    sock.listen(256)
    return sock


def accept_loop(sock):
    sock.settimeout(0.2)
    while not STOP.is_set():
        try:
            conn, _ = sock.accept()
        except socket.timeout:
            continue
        except OSError:
            return
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hosts", type=int, default=1, help="listen on 127.0.0.1 .. 127.0.0.HOSTS")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--max-seconds", type=float, default=600)
    args = ap.parse_args()
    global BOMB
    BOMB = gzip_bomb()  # a few seconds: before the port file says the server is ready
    for _ in range(20):
        first = listen("127.0.0.1", 0)
        port = first.getsockname()[1]
        try:
            socks = [first] + [listen(f"127.0.0.{i}", port) for i in range(2, args.hosts + 1)]
            break
        except OSError:
            first.close()
    else:
        sys.exit("no common free port")
    for sock in socks:
        threading.Thread(target=accept_loop, args=(sock,), daemon=True).start()
    with open(args.port_file + ".tmp", "w") as out:
        out.write(str(port))
    os.replace(args.port_file + ".tmp", args.port_file)
    STOP.wait(args.max_seconds)
    STOP.set()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        STOP.set()
