"""Examples from the editorial guideline that several tests check against."""

# The six example titles of the guideline (R2); the demo data has a point for each.
GUIDELINE_TITLES = (
    "ANB - Team Jacht",
    "VAPH - Covid-19 - Professionals",
    "De Lijn - Dienst Abonnementen",
    "IMJV - Deel Grondwater (VMM)",
    "IMJV - Deel Afval (OVAM)",
    "WSE - VOV - Technisch probleem WSE-loket",
)
