"""A browser in miniature for the scripts in this folder: a cookie jar and the last CSRF token seen on a page.
Redirects are not followed. Requests may leave from a chosen loopback address, so that one script can play many
clients (the rate limits count per address)."""
import http.client
import re
import urllib.parse


class Client:
    def __init__(self, base, source=None):
        self.host, self.port = urllib.parse.urlsplit(base).netloc.split(":")
        self.source = source
        self.cookies = {}
        self.csrf = None

    def fetch(self, method, path, form=None, body=None, headers=None, content_type=None, timeout=60):
        """(status, headers, body as bytes)."""
        headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=timeout,
                                                source_address=(self.source, 0) if self.source else None)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for value in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie = rest.split(";")[0]
            if "Max-Age=0" in value or "Expires=Thu, 01 Jan 1970" in value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie
        match = re.search(rb'name="csrf" value="([^"]+)"', data)
        if match:
            self.csrf = match.group(1).decode()
        return response.status, response.msg, data

    def send(self, method, path, **options):
        """(status, headers, body as text)."""
        status, headers, data = self.fetch(method, path, **options)
        return status, headers, data.decode("utf-8", "replace")

    def login(self, username, password, next_path="/kuis"):
        self.send("GET", "/masuk")
        status, headers, text = self.send("POST", "/masuk", form={"username": username, "password": password, "csrf": self.csrf or "",
                                                                   "lanjut": next_path})
        if status == 303:
            self.send("GET", headers.get("Location", "/"))
        return status, headers, text
