"""Fetching an article from a URL without becoming a proxy into the network we run in (SSRF).

Rules, each enforced on every hop of a redirect chain:

- only ``http`` and ``https``; no credentials in the URL;
- the host is resolved once, every address it resolves to must be public: loopback, private,
  link-local, shared (CGNAT), multicast, reserved, unspecified and cloud metadata addresses
  (169.254.169.254, fd00:ec2::254, …) are refused, also when wrapped in IPv6 (``::ffff:…``,
  6to4, NAT64);
- the connection goes to the address that was checked (no second DNS lookup that could answer
  differently); TLS still verifies the certificate for the host name;
- redirects are followed by hand, at most ``max_redirects``, each target checked again;
- the body is capped (the ``fetch_max_bytes`` setting, LINTAS_FETCH_MAX_BYTES, default 5 MB) and
  so is the time (``fetch_timeout``, LINTAS_FETCH_TIMEOUT, default 10 s for the whole fetch); only
  ``text/html``, ``application/xhtml+xml`` and ``text/plain``, with no content encoding (no
  decompression bombs).

The server and demo fetch only when the ``allow_url_fetch`` setting is on
(LINTAS_ALLOW_URL_FETCH=1; off by default); the CLI fetches when given a URL (its user is the
machine's user), with the same checks.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from . import settings as _settings
from .errors import FetchError, URLRefusedError
from .settings import Settings

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 5
CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "lintas-fetch/1 (+https://github.com/lintas)"

# Cloud instance metadata endpoints (AWS/GCP/Azure/OpenStack, AWS IPv6, ECS task metadata, Alibaba).
METADATA = frozenset(map(ipaddress.ip_address, ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200")))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchDisabledError(URLRefusedError):
    code = "url_fetch_disabled"
    http_status = 403


def fetch_allowed(settings: Settings | None = None) -> bool:
    """Whether the server and UI may fetch URLs: the ``allow_url_fetch`` setting
    (LINTAS_ALLOW_URL_FETCH; off by default)."""
    return (settings or _settings.current()).allow_url_fetch


def is_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be fetched from (None: it is a public unicast address)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            why = address_problem(inner)
            if why:
                return f"{why} (inside the IPv6 address {ip})"
        if ip.scope_id:
            return "a scoped (link-local) address"
    if ip in METADATA:
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"Cannot resolve {host!r}: {e}") from e
    out = []
    for info in infos:
        addr = info[4][0].split("%", 1)[0]
        ip = ipaddress.ip_address(addr)
        if ip not in out:
            out.append(ip)
    if not out:
        raise FetchError(f"{host!r} has no address")
    return out


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str
    ip: str


def _check(url: str, trusted: tuple[str, int] | None = None) -> _Target:
    try:
        u = urlsplit(url)
        port = u.port
    except ValueError as e:
        raise URLRefusedError(f"Not a valid URL: {url!r} ({e})") from e
    scheme = (u.scheme or "").lower()
    if scheme not in ("http", "https"):
        raise URLRefusedError(f"Only http and https URLs can be fetched, not {scheme or 'a URL without a scheme'!r}: {url[:200]!r}")
    if not u.hostname:
        raise URLRefusedError(f"The URL has no host: {url[:200]!r}")
    if u.username is not None or u.password is not None:
        raise URLRefusedError("URLs with credentials (user:password@host) are not fetched")
    port = port or (443 if scheme == "https" else 80)
    host = u.hostname
    addrs = resolve(host, port)
    if trusted is not None and (str(addrs[0]), port) == trusted and len(addrs) == 1:
        ip = addrs[0]  # the caller's explicit allowance (tests: their own local server, first hop only)
    else:
        for ip in addrs:
            why = address_problem(ip)
            if why:
                where = f"{ip} is" if host.strip("[]") == str(ip) else f"{host} resolves to {ip},"
                raise URLRefusedError(f"Refused to fetch {url[:200]!r}: {where} {why}.")
        ip = addrs[0]
    path = u.path or "/"
    if u.query:
        path += "?" + u.query
    return _Target(scheme, host, port, path, str(ip))


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the checked address, whatever the host name resolves to by now."""

    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str
    charset: str | None

    def text(self) -> str | bytes:
        """Decoded by the declared charset when there is one; else the bytes (ingest decodes UTF-8,
        replacing bad bytes with a warning)."""
        if self.charset:
            try:
                return self.content.decode(self.charset, errors="replace")
            except LookupError:
                pass
        return self.content


def _limits(max_bytes: int | None, timeout: float | None, settings: Settings | None = None) -> tuple[int, float]:
    """The caller's limits, else the ``fetch_max_bytes`` and ``fetch_timeout`` settings (a bad
    LINTAS_FETCH_MAX_BYTES / LINTAS_FETCH_TIMEOUT is a SettingsError naming the variable)."""
    if max_bytes is not None and timeout is not None:
        return max_bytes, timeout
    s = settings or _settings.current()
    return (max_bytes if max_bytes is not None else s.fetch_max_bytes,
            timeout if timeout is not None else s.fetch_timeout)


def fetch_url(url: str, *, max_bytes: int | None = None, timeout: float | None = None,
              max_redirects: int = MAX_REDIRECTS, trusted_first_hop: tuple[str, int] | None = None,
              settings: Settings | None = None) -> Fetched:
    """GET ``url`` under the rules above. Raises :class:`URLRefusedError` (not allowed) or
    :class:`FetchError` (allowed, but failed: network, status, time, size or type).

    ``trusted_first_hop``: an ``(ip, port)`` the caller vouches for, allowed for the first request
    only (tests use it for their own local server); redirects from it are checked as usual.
    ``max_bytes`` and ``timeout`` default to the ``fetch_max_bytes`` / ``fetch_timeout`` settings of
    ``settings`` (default :func:`service.settings.current`)."""
    max_bytes, timeout = _limits(max_bytes, timeout, settings)
    deadline = time.monotonic() + timeout
    current = url
    for hop in range(max_redirects + 1):
        t = _check(current, trusted_first_hop if hop == 0 else None)
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"Fetching {url[:200]!r} took longer than {timeout:g} s")
        cls = _PinnedHTTPS if t.scheme == "https" else _PinnedHTTP
        conn = cls(t.host, t.port, t.ip, timeout=left)
        try:
            conn.request("GET", t.path, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(CONTENT_TYPES),
                                                 "Accept-Encoding": "identity"})
            sock = conn.sock  # kept: getresponse() may let go of it while the body is still to read
            resp = conn.getresponse()
            if resp.status in (301, 302, 303, 307, 308):
                loc = resp.getheader("Location")
                if not loc:
                    raise FetchError(f"{current[:200]!r} redirects ({resp.status}) without a Location")
                current = urljoin(current, loc.strip())
                log.info("fetch: %s redirects to %s", t.host, current[:200])
                continue
            if resp.status != 200:
                raise FetchError(f"{current[:200]!r} answered HTTP {resp.status} {resp.reason}")
            return _read_body(resp, sock, current, max_bytes, deadline, timeout)
        except (OSError, http.client.HTTPException) as e:
            if isinstance(e, (TimeoutError, socket.timeout)):
                raise FetchError(f"Fetching {url[:200]!r} took longer than {timeout:g} s") from e
            raise FetchError(f"Fetching {current[:200]!r} failed: {type(e).__name__}: {e}") from e
        finally:
            conn.close()
    raise FetchError(f"{url[:200]!r} redirects more than {max_redirects} times")


def _read_body(resp, sock, url: str, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    ctype = (resp.getheader("Content-Type") or "").strip()
    mime, _, params = ctype.partition(";")
    mime = mime.strip().lower()
    if mime not in CONTENT_TYPES:
        raise FetchError(f"{url[:200]!r} is {mime or 'of no declared type'}; only {', '.join(CONTENT_TYPES)} pages are fetched")
    enc = (resp.getheader("Content-Encoding") or "identity").strip().lower()
    if enc != "identity":
        raise FetchError(f"{url[:200]!r} is sent with content encoding {enc!r}; only unencoded pages are fetched")
    length = resp.getheader("Content-Length")
    too_big = f"{url[:200]!r} is larger than the fetch limit of {max_bytes:,} bytes (fetch_max_bytes, LINTAS_FETCH_MAX_BYTES)"
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(too_big)
    chunks, size = [], 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"Fetching {url[:200]!r} took longer than {timeout:g} s")
        sock.settimeout(left)  # the whole fetch has one deadline, not one per read
        chunk = resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(too_big)
        chunks.append(chunk)
    charset = None
    for p in params.split(";"):
        k, _, v = p.strip().partition("=")
        if k.lower() == "charset" and v:
            charset = v.strip().strip("\"'")
    return Fetched(url=url, content=b"".join(chunks), content_type=mime, charset=charset)
