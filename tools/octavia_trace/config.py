"""Configure Octavia for one in-process run: noop drivers, SQLite, a CA.

Everything goes through oslo.config, as ``octavia.common.config`` reads it
in a real controller worker.  Only the run directory is new per run.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

NOOP_DRIVERS = {
    "amphora_driver": "amphora_noop_driver",
    "compute_driver": "compute_noop_driver",
    "network_driver": "network_noop_driver",
    "volume_driver": "volume_noop_driver",
    "image_driver": "image_noop_driver",
}


def write_ca(directory: Path) -> tuple[Path, Path]:
    """A self-signed CA (certificate, key) for the local cert generator."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "trace-ca")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "ca.pem"
    key_path = directory / "ca.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def configure(run_dir: Path) -> Path:
    """Set Octavia's options for a run in ``run_dir``; the database file."""
    from octavia.common import config
    from oslo_log import log

    conf = config.cfg.CONF
    log.register_options(conf)  # as octavia.common.service does
    conf([], project="octavia", default_config_files=[])
    ca_cert, ca_key = write_ca(run_dir)
    database = run_dir / "octavia.db"
    for name, value in NOOP_DRIVERS.items():
        conf.set_override(name, value, group="controller_worker")
    conf.set_override("event_notifications", False, group="controller_worker")
    conf.set_override("client_ca", str(ca_cert), group="controller_worker")
    conf.set_override("ca_certificate", str(ca_cert), group="certificates")
    conf.set_override("ca_private_key", str(ca_key), group="certificates")
    conf.set_override("ca_private_key_passphrase", None, group="certificates")
    conf.set_override("connection", f"sqlite:///{database}", group="database")
    conf.set_override("pool_timeout", None, group="database")
    conf.set_override("engine", "serial", group="task_flow")
    conf.set_override("jobboard_enabled", False, group="task_flow")
    return database
