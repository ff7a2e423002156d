package com.painpoint.models.sentiment;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Lazily flat-maps an iterator, so a partition streams through CoreNLP row by row. */
final class FlatIterator<I, O> implements Iterator<O> {
  private final Iterator<I> source;
  private final Function<I, List<O>> fn;
  private Iterator<O> current = Collections.emptyIterator();

  FlatIterator(Iterator<I> source, Function<I, List<O>> fn) {
    this.source = source;
    this.fn = fn;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && source.hasNext()) {
      current = fn.apply(source.next()).iterator();
    }
    return current.hasNext();
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
