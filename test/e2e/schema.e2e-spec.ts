import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isIntrospectionType,
  isSpecifiedScalarType,
} from 'graphql';
import { schemaWithoutDatabase } from '../../src/cli/offline-schema';
import { printSchemaForClients } from '../../src/graphql/print-schema';

describe('the schema contract', () => {
  it('matches the committed schema/schema.graphql (run npm run schema:emit after a schema change)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printSchemaForClients(await schemaWithoutDatabase())).toBe(committed);
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = await schemaWithoutDatabase();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      const rootNames = [schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name];
      if (!type.description && !rootNames.includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ('args' in field)
            for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('names the Vietnamese term beside the English one in every type’s and enum value’s description (scalars of libraries aside)', async () => {
    const schema = await schemaWithoutDatabase();
    const vietnamese = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
    const rootNames = [schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name];
    const libraryScalars = ['DateTimeISO', 'JSONObject'];
    // Vietnamese words that happen to carry no diacritic.
    const plainWords = ['Gender.MALE', 'ReportOutcome.UNFOUNDED', 'Role.VIEWER'];
    const english: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (rootNames.includes(type.name) || libraryScalars.includes(type.name)) continue;
      if (!vietnamese.test(type.description ?? '')) english.push(type.name);
      if (isEnumType(type))
        for (const v of type.getValues())
          if (!vietnamese.test(v.description ?? '') && !plainWords.includes(`${type.name}.${v.name}`))
            english.push(`${type.name}.${v.name}`);
    }
    expect(english).toEqual([]);
  });
});
