"""A generation held by a reader (``kg serve``) survives builds until the reader lets go."""
from kg.build.corpus import build
from kg.store.layout import current_generation, reading
from tests.conftest import seed


def test_a_held_generation_is_kept_until_released(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    store = tmp_path / "store"

    def add_and_build(prefix):
        (corpus / seed(prefix).name).write_bytes(seed(prefix).read_bytes())
        assert build([corpus], store, jobs=1).committed

    add_and_build("001")
    served = current_generation(store)
    with reading(served):
        for prefix in ("002", "003", "004"):  # three switches: an unheld one would be gone
            add_and_build(prefix)
        assert (served / "oxigraph").is_dir()
    add_and_build("000")
    assert not served.exists()  # released: the next build removes it
