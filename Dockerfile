# ticketworker: one image for the worker, beat, the console and migrations.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md celeryconfig.py ./
COPY worker ./worker
COPY connectors ./connectors
COPY parsers ./parsers
RUN pip install . && useradd --create-home --uid 10001 ticketworker \
    && mkdir -p /app/var && chown ticketworker /app/var
USER ticketworker
ENTRYPOINT ["ticketworker"]
CMD ["--help"]
