import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  EksClusterPicker,
  eksClusterPickerValidation,
} from './EksClusterPicker';

/** The EksClusterPicker field for the new frontend system. */
export const eksClusterPickerFormField = createFormField({
  name: 'EksClusterPicker',
  component: EksClusterPicker,
  validation: eksClusterPickerValidation,
});
