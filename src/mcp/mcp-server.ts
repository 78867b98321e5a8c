import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Catalog } from '../case/catalog.js';
import type { Actors } from '../encounter/actors.js';
import { DifferentialEntry } from '../encounter/actions.js';
import type { CaseSource } from '../gym/case-source.js';
import { collectVersions } from '../session/versions.js';
import type { Store } from '../store/store.js';
import { RoundsError } from '../util/errors.js';
import { McpSession } from './mcp-session.js';
import { EHR_TOOLS, ehrToolCallToAction } from '../doctors/llm/ehr-mode.js';

export interface McpDeps {
  store: Store;
  catalog: Catalog;
  actors: Actors;
  cases: CaseSource;
}

/** Runs a tool body; the user's mistakes come back as a tool error the model can read, not a protocol failure. */
async function tool(fn: () => Promise<string> | string): Promise<CallToolResult> {
  try {
    return { content: [{ type: 'text', text: await fn() }] };
  } catch (e) {
    if (e instanceof RoundsError || e instanceof z.ZodError) return { isError: true, content: [{ type: 'text', text: `error: ${e.message}` }] };
    throw e;
  }
}

/**
 * An MCP server exposing one encounter at a time as tools, so any MCP client
 * can be the doctor. One server instance per client connection.
 */
export function createMcpServer(deps: McpDeps): { server: McpServer; session: McpSession } {
  const server = new McpServer({ name: 'rounds', version: collectVersions().rounds });
  // The FHIR tools exist only while the encounter has a health record (an EHR task, or a case with its prior record):
  // listed then, hidden otherwise, and the client is told the list changed.
  const ehrTools = (Object.keys(EHR_TOOLS) as Array<keyof typeof EHR_TOOLS>).map((name) =>
    server.registerTool(
      name,
      {
        description: `${EHR_TOOLS[name].description}${name === 'finish' ? ' This ends the encounter.' : ''} (Only while the encounter has a health record.)`,
        inputSchema: EHR_TOOLS[name].inputSchema.shape,
      },
      (input: unknown) => tool(() => session.act(ehrToolCallToAction({ toolName: name, input }))),
    ),
  );
  for (const t of ehrTools) t.disable();
  const session = new McpSession(deps, (hasRecord) => {
    for (const t of ehrTools) {
      if (t.enabled === hasRecord) continue;
      if (hasRecord) t.enable();
      else t.disable();
    }
  });

  server.registerTool(
    'start_case',
    {
      description:
        'Start a simulated patient encounter. Name the case by case_id, by suite (a seeded pick from it, or case_id within it), or random=true. doctor_name is how you appear in runs and reports (as mcp:<doctor_name>). The encounter is stored and scored like any other.',
      inputSchema: {
        suite: z.string().min(1).optional().describe('a suite name (e.g. core, quick), a specialty, or a path to case files'),
        case_id: z.string().min(1).optional(),
        random: z.boolean().optional().describe('pick any shipped case at random (from the seed)'),
        doctor_name: z.string().min(1).max(40),
        protocol: z.string().min(1).optional().describe('protocol preset with options, e.g. default, sdbench, default:budget=1500'),
        seed: z.string().min(1).optional(),
      },
    },
    (args) => tool(() => session.start(args)),
  );
  server.registerTool(
    'ask_patient',
    { description: 'Ask the patient one or more questions (one turn).', inputSchema: { questions: z.array(z.string().min(1)).min(1) } },
    ({ questions }) => tool(() => session.act({ type: 'ask', questions: questions.map((text) => ({ text })) })),
  );
  server.registerTool(
    'examine',
    {
      description: 'Examine the patient: general, vitals, heent, neck, cardiovascular, respiratory, abdomen, neuro, skin, msk, extremities (one turn).',
      inputSchema: { targets: z.array(z.string().min(1)).min(1) },
    },
    ({ targets }) => tool(() => session.act({ type: 'examine', targets })),
  );
  server.registerTool(
    'order_tests',
    { description: 'Order tests by name or catalog id; each has a price (one turn).', inputSchema: { tests: z.array(z.string().min(1)).min(1) } },
    ({ tests }) => tool(() => session.act({ type: 'order', tests })),
  );
  server.registerTool(
    'diagnose',
    {
      description: 'Commit to a diagnosis: a ranked differential, most likely first. This ends the encounter and returns the verdict.',
      inputSchema: { differential: z.array(DifferentialEntry).min(1), rationale: z.string().optional() },
    },
    ({ differential, rationale }) => tool(() => session.act({ type: 'diagnose', differential, ...(rationale ? { rationale } : {}) })),
  );
  server.registerTool('status', { description: 'Where the current encounter stands: turns, cost, budget, or its result once ended.' }, () =>
    tool(() => session.status()),
  );

  return { server, session };
}
