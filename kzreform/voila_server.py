"""The explorers' page server: Voilà, bounded for a local machine.

- at most `--BoundedKernelManager.max_kernels` kernels at once (each page viewed starts one, about 190 MB); a
  request beyond that gets 503 with a one-line explanation instead of a new kernel;
- kernels nobody is connected to are shut down once idle for `cull_idle_timeout` seconds;
- only requests whose Host header is 127.0.0.1 or localhost (any port) are answered (no DNS rebinding);
- SIGTERM, SIGINT and SIGHUP stop the server and shut every kernel down.

Run by `python -m kzreform app` (kzreform.app), not directly.
"""

from __future__ import annotations

import signal
import sys
import tempfile

import tornado.web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer
from voila.app import Voila

ALLOWED_HOSTS = ("127.0.0.1", "localhost")


class BoundedKernelManager(AsyncMappingKernelManager):
    """A kernel manager that refuses to start more than max_kernels kernels."""

    max_kernels = Integer(4, config=True, help="Kernels running at once; a page beyond that is refused (503).")

    async def start_kernel(self, *args, **kwargs):
        kernel_id = kwargs.get("kernel_id")
        if kernel_id is None or kernel_id not in self:
            if len(self.list_kernel_ids()) >= self.max_kernels:
                raise tornado.web.HTTPError(503, reason=f"At most {self.max_kernels} explorer pages at once: close "
                                                        "one (or wait a few minutes) and reload")
        return await super().start_kernel(*args, **kwargs)


class HostRefused(tornado.web.RequestHandler):
    def prepare(self):
        self.set_status(403, reason="Host not allowed")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("This server answers only http://127.0.0.1 and http://localhost.\n")


class LocalOnlyApplication(tornado.web.Application):
    """Answers only requests addressed to this machine by name (the Host header), whatever reached the socket."""

    def find_handler(self, request, **kwargs):
        if request.host_name.lower() not in ALLOWED_HOSTS:
            return self.get_handler_delegate(request, HostRefused)
        return super().find_handler(request, **kwargs)


class BoundedVoila(Voila):
    """Voilà with the local-only application, and a clean stop on SIGHUP as on SIGTERM."""

    def start(self):
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = LocalOnlyApplication(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, self._handle_signal_stop)
        signal.signal(signal.SIGINT, self._handle_signal_stop)
        self.listen()


def main(argv=None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv.append("--VoilaConfiguration.multi_kernel_manager_class=kzreform.voila_server.BoundedKernelManager")
    BoundedVoila.launch_instance(argv=argv)


if __name__ == "__main__":
    main()
