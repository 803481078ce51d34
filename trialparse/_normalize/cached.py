"""The normalizers every reader calls once or more per record, cached by input (`memo`): dates, ages, phases,
enrollment, registries and yes/no values repeat across the records of a bulk run. One cache per normalizer,
shared by the page sections and the JSON and XML readers."""

from __future__ import annotations

from trialparse._normalize import dates, identifiers, memo, numbers, phases, vocab

partial_date = memo(dates.partial_date, 4096)
trial_date = memo(dates.trial_date, 4096)
iso_date = memo(dates.iso_date, 4096)
age = memo(numbers.age, 1024)
enrollment = memo(numbers.enrollment, 1024)
phases_of = memo(phases.phases, 256)
registry = memo(identifiers.registry, 4096)
boolean = memo(vocab.boolean, 256)
