"""Chrome that no rule names: a line classifier over many weak cues, jusText/boilerpipe-style, in
Chinese characters.

* :mod:`.cues` — vocabulary, shape, position and neighbour cues of a line (data: ``rules/chrome.toml``);
* :mod:`.model` — the weights (``rules/chrome_weights.toml``, derived by ``benchmarks/train_lines.py``)
  and the score of a line, with the cues that weighed most;
* :mod:`.view` — the Simplified view the rules and cues judge, whatever script the output keeps;
* :mod:`.spans` — chrome cut out of a line: anti-scrape jammers, inline watermarks, page markers.
"""
