"""How first passwords handed out by a committee are stored.

Stretching (PBKDF2's million rounds) protects passwords people choose, which can be guessed. A
first password is 12 characters drawn at random from 55 (about 69 bits): no guessing reaches it,
with or without stretching, while a million rounds per account turns opening 1,000 logins into
five minutes of a worker. Its owner must replace it at the first login, and Django re-hashes it
with the default hasher on that login anyway.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class IssuedPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_issued"
    iterations = 1000
