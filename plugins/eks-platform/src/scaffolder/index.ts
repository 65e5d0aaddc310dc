export {
  EksClusterPicker,
  eksClusterPickerValidation,
} from './EksClusterPicker';
export type { EksClusterPickerUiOptions } from './EksClusterPicker';
