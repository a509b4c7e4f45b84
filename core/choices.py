"""Small vocabularies shared by several apps."""

YES_NO = [(True, "Ja"), (False, "Nee")]
