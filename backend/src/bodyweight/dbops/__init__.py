"""Operating the database safely: adopting, locking, backups, guarded downgrades,
checksums of the revision files."""
