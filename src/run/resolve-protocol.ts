// Protocols are a registry in the encounter layer; this path stays for the callers that import it from run/.
export { resolveProtocol } from '../encounter/protocol-registry.js';
