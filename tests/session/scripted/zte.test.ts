import { scriptSuite } from './suite';

scriptSuite('zte-2018');
