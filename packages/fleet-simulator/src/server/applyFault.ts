import { IncomingMessage, ServerResponse } from 'node:http';
import { FaultSpec } from '../types';
import { sleep } from './Reply';

export type FaultOutcome = 'proceed' | 'truncate' | 'handled';

/**
 * Applies a fault to a request. `renderError` answers in the API's own error format (Kubernetes
 * Status, EKS rest-json error, EC2 XML error).
 */
export async function applyFault(
  fault: FaultSpec,
  req: IncomingMessage,
  res: ServerResponse,
  renderError: (status: number, kind: 'status' | 'throttle' | 'gone') => void,
): Promise<FaultOutcome> {
  switch (fault.type) {
    case 'latency': {
      const closed = new AbortController();
      res.once('close', () => closed.abort());
      await sleep(fault.ms ?? 0, closed.signal);
      return res.destroyed ? 'handled' : 'proceed';
    }
    case 'timeout':
      // Accept the request and never answer; drop the connection after `ms` if given.
      req.resume();
      if (fault.ms !== undefined) {
        const timer = setTimeout(() => req.socket.destroy(), fault.ms);
        res.once('close', () => clearTimeout(timer));
      }
      return 'handled';
    case 'status':
      renderError(fault.status ?? 500, 'status');
      return 'handled';
    case 'throttle':
      renderError(fault.status ?? 429, 'throttle');
      return 'handled';
    case 'gone':
      renderError(410, 'gone');
      return 'handled';
    case 'truncate':
      return 'truncate';
    default:
      return 'proceed';
  }
}
