import { Context } from '@temporalio/activity';
import type { ProcessMail } from '../../src/document-approval/activities-contract';

export interface SentMail extends ProcessMail {
  workflowId: string;
}

/** An in-memory mail system for the seed processes: records every message, by workflow. */
export function createMailRecorder() {
  const sent: SentMail[] = [];
  return {
    activities: {
      async sendProcessMail(req: ProcessMail): Promise<{ messageId: string }> {
        const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
        sent.push({ ...req, workflowId });
        return { messageId: `MSG-${req.reference}-${req.step}` };
      },
    },
    mailsOf(workflowId: string): SentMail[] {
      return sent.filter((mail) => mail.workflowId === workflowId);
    },
  };
}
