import { useApi } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { eksPlatformApiRef } from '../api';
import { clusterOption, clusterProblem } from './clusterOptions';

/**
 * `ui:options` of the EksClusterPicker field.
 *
 * @public
 */
export type EksClusterPickerUiOptions = {
  /** The environment the cluster is for, shown in the helper text. */
  environment?: string;
};

/**
 * A scaffolder field listing the EKS clusters of the eks-platform backend with their Kubernetes
 * version phase and IP headroom; clusters on an unsupported version cannot be chosen.
 *
 * @public
 */
export function EksClusterPicker(
  props: FieldExtensionComponentProps<string, EksClusterPickerUiOptions>,
) {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
    disabled,
  } = props;
  const api = useApi(eksPlatformApiRef);
  const { value, loading, error } = useAsync(
    () => api.getClusterOverviews(),
    [api],
  );
  const options = (value?.items ?? []).map(clusterOption);
  const selected = options.find(o => o.name === formData);
  const environment = uiSchema?.['ui:options']?.environment;
  const id = idSchema?.$id ?? 'eks-cluster-picker';
  const label = schema.title ?? 'Cluster';

  let helper = schema.description ?? '';
  if (error) helper = `Could not load clusters: ${error.message}`;
  else if (loading) helper = 'Loading clusters...';
  else if (selected) helper = `${selected.version}; ${selected.headroom}`;
  else if (environment && !helper)
    helper = `The EKS cluster for ${environment}`;

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={!!error || (rawErrors?.length ?? 0) > 0}
      disabled={disabled || loading}
    >
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={selected ? formData : ''}
        onChange={event => onChange(String(event.target.value))}
        renderValue={name =>
          options.find(o => o.name === name)?.label ?? String(name)
        }
      >
        {options.map(option => (
          <MenuItem
            key={option.name}
            value={option.name}
            disabled={!!option.disabledReason}
          >
            <ListItemText
              primary={option.label}
              secondary={
                option.disabledReason
                  ? `${option.version} - ${option.disabledReason}`
                  : `${option.version}; ${option.headroom}`
              }
            />
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>{helper}</FormHelperText>
    </FormControl>
  );
}

/**
 * Validation of the EksClusterPicker field: refuses clusters the eks-platform backend does not know
 * and clusters on an unsupported Kubernetes version.
 *
 * @public
 */
export const eksClusterPickerValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  if (!value) return;
  const api = context.apiHolder.get(eksPlatformApiRef);
  if (!api) return;
  const { items } = await api.getClusterOverviews();
  const problem = clusterProblem(value, items);
  if (problem) validation.addError(problem);
};
