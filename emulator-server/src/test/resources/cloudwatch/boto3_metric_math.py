# Metric math through boto3 (JSON 1.0): every line printed is checked by CloudWatchBoto3IT.
import datetime
import sys

import boto3
import botocore

cw = boto3.client('cloudwatch', endpoint_url=sys.argv[1], region_name='us-east-1',
                  aws_access_key_id='test', aws_secret_access_key='test')
start = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) - datetime.timedelta(minutes=10)
end = start + datetime.timedelta(minutes=5)

# requests 10, 20, 30, 40, 50 and errors 1, 0, 3, 0, 0 in five minutes
cw.put_metric_data(Namespace='Api', MetricData=[
    {'MetricName': name, 'Timestamp': start + datetime.timedelta(minutes=m), 'Value': float(value)}
    for name, values in (('Requests', (10, 20, 30, 40, 50)), ('Errors', (1, 0, 3, 0, 0)))
    for m, value in enumerate(values)])


def metric(query_id, name):
    return {'Id': query_id, 'ReturnData': False,
            'MetricStat': {'Metric': {'Namespace': 'Api', 'MetricName': name}, 'Period': 60, 'Stat': 'Sum'}}


data = cw.get_metric_data(MetricDataQueries=[
    metric('requests', 'Requests'), metric('errors', 'Errors'),
    {'Id': 'rate', 'Expression': '100 * errors / requests', 'Label': 'Error rate'},
    {'Id': 'ok', 'Expression': 'IF(errors == 0, 1, 0)'},
    {'Id': 'all', 'Expression': 'METRICS()'},
    {'Id': 'broken', 'Expression': 'requests / (errors - errors)'}],
    StartTime=start, EndTime=end, ScanBy='TimestampAscending')
for result in data['MetricDataResults']:
    print('result', result['Id'], result['Label'], result['Values'],
          [message['Code'] for message in result.get('Messages', [])])

try:
    cw.get_metric_data(MetricDataQueries=[metric('requests', 'Requests'),
                                          {'Id': 'e1', 'Expression': 'requests +'}],
                       StartTime=start, EndTime=end)
except botocore.exceptions.ClientError as e:
    print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'],
          e.response['Error']['Message'].startswith("Error in expression 'e1'"))
