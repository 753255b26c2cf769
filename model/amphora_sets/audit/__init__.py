"""The audit: every amphora-cluster call site in Octavia, classified."""
