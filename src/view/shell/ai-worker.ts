/**
 * The Web Worker the AI thinks in (src/view/shell/ai-service.ts starts it): it answers each
 * request with the decision the in-page AI would make, from the same session code
 * (src/session/ai-host.ts), so the page stays responsive while it thinks.
 */
// zod is in the worker too (the core's schemas): tell it not to probe eval, as the page does.
import '../no-eval';
import { AiHost, type AiPrepare, type AiReply, type AiRequest } from '../../session/ai-host';

/** The worker's global scope, as much of it as this uses (the app's types are the page's, not a worker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AiRequest | AiPrepare>) => void) | null;
  postMessage(reply: AiReply): void;
};

const host = new AiHost();
scope.onmessage = (event) => {
  const message = event.data;
  if ('prepare' in message) host.prepare(message);
  else scope.postMessage(host.handle(message));
};
