"""Starts Debian's nginx as a child process, in front of Netra instances on loopback, for the scripts in this folder."""
import os
import shutil
import subprocess

import demo_server


def start(root, upstream_ports, bind=None, retry_connect=False, port=None):
    """Returns (process, port). nginx connects to the instances from `bind` when given (so that Netra can trust that
    one address), and with `retry_connect` tries the next instance when one refuses the connection (never after it
    received a request). `port` is the one to listen on, when it had to be known before (a free one otherwise)."""
    os.makedirs(os.path.join(root, "logs"))
    port = port or demo_server.free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;\n" for p in upstream_ports)
    source = f"      proxy_bind {bind};\n" if bind else ""
    retry = "      proxy_connect_timeout 2s;\n      proxy_next_upstream error timeout;\n" if retry_connect else "      proxy_next_upstream off;\n"
    with open(os.path.join(root, "nginx.conf"), "w") as conf:
        conf.write(f"""{user}worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {root}/body; proxy_temp_path {root}/proxy; fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi; scgi_temp_path {root}/scgi;
  client_max_body_size 300m;
  upstream netra {{
{servers}    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://netra;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
{source}{retry}    }}
  }}
}}
""")
    process = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-p", root, "-c", os.path.join(root, "nginx.conf"), "-g", "daemon off;"],
                               stdout=open(os.path.join(root, "logs", "stdout.log"), "w"), stderr=subprocess.STDOUT)
    demo_server.wait_until_up(f"http://127.0.0.1:{port}", process)
    return process, port
