// Validates an OpenAPI document (file path argument) against the OpenAPI
// 3.0 schema and checks its $refs; exit code 0 only when it is valid.
const SwaggerParser = require('@apidevtools/swagger-parser');
SwaggerParser.validate(process.argv[2])
  .then((api) => { console.log('valid OpenAPI ' + api.openapi); })
  .catch((err) => { console.error('invalid: ' + err.message); process.exit(1); });
