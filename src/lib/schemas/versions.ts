import { z } from 'zod';
import { pseudonymisedText } from './text';

export const versionLabelSchema = z.object({ label: pseudonymisedText(120) });
