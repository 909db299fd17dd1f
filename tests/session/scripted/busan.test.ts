import { scriptSuite } from './suite';

scriptSuite('busan-2025');
