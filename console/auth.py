"""The login backend: Django's ModelBackend, with the logged-in user kept per process.

Every request of a logged-in user reads the user row (`get_user`), for the console's pages
while a caller waits too. With a shared cache (Redis) the row is kept in this process
(`console.kept`) under the console's ACCESS counter, which every save or delete of a user,
group or permission and every change of a user's groups raises (`console.access`): a
deactivated account, a new password or a removed role applies at once in every process, as
when the row was read each time. A change that sends no signal (a queryset `update()`)
applies within KEEP_SECONDS. Each request gets its own copy, so nothing one request caches on
its user (permissions, related rows) reaches another.
"""

import copy

from django.contrib.auth.backends import ModelBackend

from console import invalidation
from console.kept import KeptWhileUnchanged

KEEP_SECONDS = 60

users = KeptWhileUnchanged((invalidation.ACCESS,), seconds=KEEP_SECONDS, size=10_000)


class KeptUserBackend(ModelBackend):
    def get_user(self, user_id):
        return copy.copy(
            users.value(user_id, lambda: super(KeptUserBackend, self).get_user(user_id))
        )
