"""Delivering the outbox's messages (R12): one adapter per route (`smtp`, `crm`) behind
`Adapter`, the leases and outcomes of attempts (`lease`), and the loop that ties them
(`run`). Nothing here writes a message body, a recipient or a citizen's data to a log."""
