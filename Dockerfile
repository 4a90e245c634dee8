# Gradient Descent Lab, self-hosted: one Streamlit server per container.
#   docker build -t gradient-descent-lab .
#   docker run --rm -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET="$(openssl rand -hex 32)" gradient-descent-lab
# Several containers behind nginx: see README "Scaling out" (same cookie secret on every replica).
FROM python:3.11-slim

# One BLAS/OpenMP thread: the app's NumPy work is many small products, and a classroom's
# concurrent runs share the host's cores; per-run thread pools only add contention.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OPENBLAS_NUM_THREADS=1 \
    OMP_NUM_THREADS=1 \
    MKL_NUM_THREADS=1 \
    NUMEXPR_NUM_THREADS=1

WORKDIR /app

# Dependencies first (a layer that survives code changes): exactly the pins a hosted deploy uses.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The app only, owned by root and read-only to the user that runs it.
COPY .streamlit/config.toml .streamlit/config.toml
COPY app.py ./
COPY pages/ pages/
COPY ui/ ui/
COPY gd_core/ gd_core/
COPY data/ data/

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
USER app

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]

# The cookie secret comes from the environment (STREAMLIT_SERVER_COOKIE_SECRET), never the image.
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
