"""The normalizers the page sections call once per page, cached by input (`memo`): dates, ages, phases,
enrollment and registries repeat across the pages of a bulk run."""

from __future__ import annotations

from trialparse._normalize import dates, identifiers, memo, numbers, phases, vocab

trial_date = memo(dates.trial_date, 4096)
iso_date = memo(dates.iso_date, 4096)
age = memo(numbers.age, 1024)
enrollment = memo(numbers.enrollment, 1024)
phases_of = memo(phases.phases, 256)
registry = memo(identifiers.registry, 4096)
boolean = memo(vocab.boolean, 256)
