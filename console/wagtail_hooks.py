"""What the console asks of the CMS: to hear of its bulk actions on users."""

from wagtail import hooks

from console.access import forget_after_bulk_action

hooks.register("after_bulk_action", forget_after_bulk_action)
