// A request made by an effect counts only while that effect is current: once a newer query replaces it, or the
// component goes away, a slow answer must not overwrite the newer one.

/**
 * Hands `pending`'s value to `onValue`, or its failure to `onError` (by default nothing: request() has already
 * shown it), unless the returned cleanup ran first. Return it from the useEffect that made the request.
 */
export function whileCurrent<T>(
  pending: Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void = () => {},
): () => void {
  let live = true;
  pending.then(
    (value) => {
      if (live) onValue(value);
    },
    (error: unknown) => {
      if (live) onError(error);
    },
  );
  return () => {
    live = false;
  };
}
