"""The language and the knowledge: text normalisation, lexicon, FAQ and answering."""
