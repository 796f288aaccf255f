"""Events and mail (DESIGN.md §5): the outbox, its dispatcher, subscriptions, webhooks, mail.

Nothing lives here yet: the first events arrive with partnerships (issue 4), which bring the
outbox and the mail sender.
"""
