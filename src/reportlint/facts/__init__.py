"""Facts extracted from the text: dates, years, periods (and quantities, see ``numbers``)."""
