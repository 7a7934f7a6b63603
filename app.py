"""Start lintas: the web UI and the REST API on http://127.0.0.1:7860 (``LINTAS_HOST`` and
``LINTAS_PORT`` change them). The same as ``lintas serve``."""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from service.server import serve  # noqa: E402

if __name__ == "__main__":
    serve()
