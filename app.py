"""Start the lintas web app: ``python app.py`` (port from LINTAS_PORT, default 7860)."""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from service.ui import build_app  # noqa: E402

if __name__ == "__main__":
    build_app().launch(
        server_name=os.environ.get("LINTAS_HOST", "127.0.0.1"),
        server_port=int(os.environ.get("LINTAS_PORT", "7860")),
    )
