import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The `EksClusterPicker` scaffolder field (`ui:field: EksClusterPicker`) for the new frontend system.
 *
 * @alpha
 */
export const eksClusterPickerFormFieldExtension = FormFieldBlueprint.make({
  name: 'eks-cluster-picker',
  params: {
    field: () => import('./formField').then(m => m.eksClusterPickerFormField),
  },
});
