"""`bodyweight import earlier`: bring the players of the earlier BodyWeight app over.

The steps, one module each: open the source read-only (`source`), recognise its
schema or refuse it with the differences (`recognise`), read it into plain values
(`read`), decide what every row becomes here (`plan`, pure but for the look-ups it
is given), write one player per transaction (`write`), and say what happened, with
totals that must balance (`report`). `service.import_earlier` runs them in order;
docs/importing-the-earlier-app.md is the operator's side of it.
"""
