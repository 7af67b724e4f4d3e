from communique.dictionaries.phrases import build_index, pieces


def idx(*phrases):
    return build_index((p, p, True) for p in phrases)


def test_longest_match_wins_and_offsets_are_exact():
    text = "The Democratic People's Republic of Korea and China met."
    found = idx("Korea", "Democratic People's Republic of Korea", "China").find(text)
    assert [text[m.start:m.end] for m in found] == ["Democratic People's Republic of Korea", "China"]


def test_all_caps_abbreviations_are_case_sensitive():
    text = "Let us talk to the US about it."
    found = idx("US").find(text)
    assert [text[m.start:m.end] for m in found] == ["US"]


def test_proper_names_need_a_capital():
    assert idx("Turkey").find("We ate turkey.") == []
    assert len(idx("Turkey").find("Turkey protested.")) == 1


def test_curly_apostrophes_and_hyphens_fold():
    text = "China\u2019s leader and Kim Jong\u2011un"
    found = idx("China's", "Kim Jong-un").find(text)
    assert [text[m.start:m.end] for m in found] == ["China\u2019s", "Kim Jong\u2011un"]


def test_pieces_keep_offsets_for_non_latin_text():
    text = "Мирза ал-Хаджи 北京 e\u0301"
    for piece, start, end in pieces(text):
        assert text[start:end] == piece
